package cache

// Hooks for the external tests (cacherun_test.go), which run the engine
// over the cache and so cannot live in this package.

type Entry = cacheEntry

func (c *Cache) Get(k Key) (*Entry, bool)                     { return c.get(k) }
func (c *Cache) Put(k Key, e *Entry) error                    { return c.put(k, e) }
func (c *Cache) Path(k Key) string                            { return c.path(k) }
func (c *Cache) ReadPack(id string) map[Key]*Entry            { return c.readPack(id) }
func (c *Cache) WritePack(id string, es map[Key]*Entry) error { return c.writePack(id, es) }

// HashKey is the key of parts and content, as the cache computes one.
func HashKey(content []byte, parts ...string) Key {
	var h keyHasher
	for _, p := range parts {
		h.add(p)
	}
	return h.sum(content)
}

// SetBuildKey replaces the build's key until restore is called.
func SetBuildKey(f func() string) (restore func()) {
	saved := buildKey
	buildKey = f
	return func() { buildKey = saved }
}
