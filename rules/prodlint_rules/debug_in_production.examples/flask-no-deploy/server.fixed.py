import os

from flask import Flask

app = Flask(__name__)
app.run(debug=False)  # ok: CFG001
app.run(debug=os.environ.get("FLASK_DEBUG") == "1")  # ok: CFG001

if os.environ.get("FLASK_ENV") == "development":
    app.run(debug=True)  # ok: CFG001 (development only on purpose)

if __name__ == "__main__":
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")  # expect: CFG001
