from flask import Flask, jsonify, render_template, request

# Renders pages and answers JSON to the page's fetch() calls: those get an HTML error page.
app = Flask(__name__)  # expect: ERR002


@app.route("/")
def index():
    return render_template("orders.html")


@app.route("/orders.json")
def orders():
    return jsonify([])


@app.errorhandler(500)
def internal_server_error(err):
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        return err  # Flask's own error page, for browsers
    return {"error": "Internal Server Error"}, 500


if __name__ == "__main__":
    app.run()
