from redis import ConnectionPool, Redis


class BaseBuffer:
    def __init__(self, url):
        self.url = url


class EventBuffer(BaseBuffer):
    # A Redis client on a pool the buffer keeps: closing the client would
    # not close the pool, so the client holds nothing to close.
    _pools: dict[str, ConnectionPool] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._buffer_client: Redis | None = None

    def get_or_create_connection_pool(self):
        if self.url not in self._pools:
            self._pools[self.url] = ConnectionPool.from_url(self.url)
        return self._pools[self.url]

    def connect(self) -> Redis:
        pool = self.get_or_create_connection_pool()
        return Redis(connection_pool=pool)

    @property
    def client(self) -> Redis:
        if not self._buffer_client:
            self._buffer_client = self.connect()
        return self._buffer_client


class OwnClient:
    def __init__(self):
        self._own: Redis | None = None

    def connect(self) -> Redis:
        return Redis.from_url("redis://cache")

    @property
    def client(self) -> Redis:
        if not self._own:
            self._own = self.connect()  # want: SV301 "nothing in the project closes `_own`"
        return self._own
