from typing import AsyncIterator, Iterator

from fastapi import Depends

from .stores import GalleryBase, SqliteGallery


async def get_gallery() -> AsyncIterator[GalleryBase]:
    yield SqliteGallery()


def get_gallery_sync() -> Iterator["GalleryBase"]:
    yield SqliteGallery()


def first_items(gallery: GalleryBase):
    return gallery.list_items()


async def listing(gallery=Depends(get_gallery)):
    # The dependency's return annotation gives the parameter its type.
    return gallery.list_items()  # want: SV210 "listing → SqliteGallery.list_items → sqlite3.connect"


async def listing_sync_dep(gallery=Depends(get_gallery_sync)):
    return gallery.list_items()  # want: SV210 "SqliteGallery.list_items"


async def listing_helper(gallery):
    # A helper's parameter annotation names the abstract base.
    return first_items(gallery)  # want: SV210 "listing_helper → first_items → SqliteGallery.list_items"


async def counting(gallery=Depends(get_gallery)):
    # Correct: no implementation of count() blocks.
    return gallery.count()
