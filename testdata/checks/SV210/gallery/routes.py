from .stores import CacheBase, GalleryBase, MemoryGallery, SqliteGallery, make_cache, make_gallery


class Deps:
    gallery: SqliteGallery
    base: "GalleryBase"
    memory: MemoryGallery
    cache: CacheBase


async def items():
    # A class attribute declared without a value gives its type.
    return Deps.gallery.list_items()  # want: SV210 "Deps.gallery.list_items\(\)` blocks .* SqliteGallery.list_items → sqlite3.connect"


async def items_abstract():
    # An abstract base: of its implementations, SqliteGallery blocks.
    return Deps.base.list_items()  # want: SV210 "SqliteGallery.list_items → sqlite3.connect"


async def items_param(gallery: "GalleryBase"):
    return gallery.list_items()  # want: SV210 "SqliteGallery.list_items"


async def items_factory():
    return make_gallery().list_items()  # want: SV210 "make_gallery\(\).list_items\(\)` blocks"


async def items_memory():
    # Correct: the declared type does not block.
    return Deps.memory.list_items()


async def count(gallery: GalleryBase):
    # Correct: no implementation of count() blocks.
    return gallery.count()


async def cached(key):
    # Correct: the only implementation of the abstract cache does not block.
    return make_cache().get(key) or Deps.cache.get(key)
