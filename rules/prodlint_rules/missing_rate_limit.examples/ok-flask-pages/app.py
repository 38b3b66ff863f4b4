from flask import Flask, render_template

# a site of pages: nothing changes data, nothing under /api
app = Flask(__name__)  # ok: RATE001


@app.route("/")
def index():
    return render_template("index.html")


@app.route("/about")
def about():
    return render_template("about.html")
