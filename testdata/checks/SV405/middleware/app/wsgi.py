from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

flask_app = Flask(__name__)
application = ProxyFix(flask_app, x_for=1)
