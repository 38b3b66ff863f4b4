from flask import Flask, jsonify, render_template

# Renders pages and answers JSON to the page's fetch() calls: those get an HTML error page.
app = Flask(__name__)  # expect: ERR002


@app.route("/")
def index():
    return render_template("orders.html")


@app.route("/orders.json")
def orders():
    return jsonify([])


if __name__ == "__main__":
    app.run()
