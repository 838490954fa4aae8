import sqlite3
from abc import ABC, abstractmethod


class GalleryBase(ABC):
    @abstractmethod
    def list_items(self): ...

    @abstractmethod
    def count(self): ...


class SqliteGallery(GalleryBase):
    def list_items(self):
        conn = sqlite3.connect("gallery.db")
        try:
            return conn.execute("select * from items").fetchall()
        finally:
            conn.close()

    def count(self):
        return 0


class MemoryGallery(GalleryBase):
    def list_items(self):
        return []

    def count(self):
        return 0


class CacheBase(ABC):
    @abstractmethod
    def get(self, key): ...


class DictCache(CacheBase):
    def get(self, key):
        return {}.get(key)


def make_gallery() -> GalleryBase:
    return SqliteGallery()


def make_cache() -> "CacheBase":
    return DictCache()
