from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/stripe-webhook", methods=["POST"])  # expect: HOOK001
def stripe_webhook():
    event = request.get_json()
    if event["type"] == "checkout.session.completed":
        fulfil(event["data"]["object"])
    return jsonify(received=True)


@app.route("/webhook-docs")  # ok: HOOK001
def webhook_docs():
    return "Send Stripe events to /stripe-webhook"
