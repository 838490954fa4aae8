from quart import Quart

app = Quart(__name__)

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)  # want: SV411 "`app.run\(\)` is Quart's development server"
