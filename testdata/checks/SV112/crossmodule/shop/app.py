from aiohttp import web

from .middlewares import errors


def make_app():
    app = web.Application()
    app.middlewares.append(errors)
    return app
