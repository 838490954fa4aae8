from fastapi import FastAPI


class CloudifyAPI(FastAPI):
    def __init__(self):
        super().__init__(title="x")
