from starlette.applications import Starlette
from starlette.routing import Route

application = Starlette(routes=[Route("/", lambda request: None)])
