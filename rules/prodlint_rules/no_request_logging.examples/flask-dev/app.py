from flask import Flask

app = Flask(__name__)  # ok: LOG002 (no deployment file: the development server logs requests)

if __name__ == "__main__":
    app.run()
