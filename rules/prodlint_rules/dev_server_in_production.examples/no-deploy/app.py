from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run()  # ok: CFG002 (no deployment file says how production runs it)
