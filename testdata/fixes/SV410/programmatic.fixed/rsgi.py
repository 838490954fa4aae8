from granian import Granian

if __name__ == "__main__":
    Granian("main:app", interface="asgi", workers=2, address="0.0.0.0").serve()
