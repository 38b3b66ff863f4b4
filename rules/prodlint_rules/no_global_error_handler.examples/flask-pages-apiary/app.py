from flask import Flask, render_template

# Pages only (an /apiary page is not an API): Flask's default 500 page is right. ok: ERR002
app = Flask(__name__)


@app.route("/apiary")
def apiary():
    return render_template("hives.html", hives=[])
