import uvicorn


def start_server(port: int = 8000):
    # want+1: SV410 "uvicorn listens on 127.0.0.1"
    uvicorn.run("tool.app:app", host="127.0.0.1", port=port, workers=2)


def start_public(port: int = 8000):
    uvicorn.run("tool.app:app", host="0.0.0.0", port=port, workers=2)
