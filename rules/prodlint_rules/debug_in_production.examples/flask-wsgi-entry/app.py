from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(debug=True)  # ok: CFG001 (wsgi.py is the production entry point)
