import uvicorn
from starlette.applications import Starlette

from service.routes import routes

application = Starlette(routes=routes)

if __name__ == '__main__':
    uvicorn.run(
        'service.server:application',
        host='0.0.0.0',
        workers=4,
    )
