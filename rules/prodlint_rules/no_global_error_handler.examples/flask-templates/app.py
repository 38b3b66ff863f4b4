from flask import Flask, render_template

# Renders HTML pages: Flask's default 500 page is what its users should see. ok: ERR002
app = Flask(__name__)


@app.route("/")
def index():
    return render_template("index.html", items=[])
