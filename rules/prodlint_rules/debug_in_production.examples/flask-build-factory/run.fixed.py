from myapp import build_application
import os

app = build_application()  # a factory by any of its usual names builds the Flask app

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")  # expect: CFG001
