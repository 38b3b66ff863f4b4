from sanic import Sanic

app = Sanic("orders")

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)  # ok: CFG001 (not Flask)
