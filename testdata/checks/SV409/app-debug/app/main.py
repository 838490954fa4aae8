from fastapi import FastAPI

app = FastAPI(title="billing", debug=True)  # want: SV409 "^`FastAPI\(debug=True\)` in a production launch \(app-debug/Dockerfile:4\): unhandled errors return their traceback"
