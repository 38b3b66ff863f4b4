from app import app

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)  # ok: CFG001 (the image starts app.py, not this file)
