from myapp import build_application

app = build_application()  # a factory by any of its usual names builds the Flask app

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)  # expect: CFG001
