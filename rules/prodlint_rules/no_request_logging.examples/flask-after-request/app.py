import logging

from flask import Flask, request

log = logging.getLogger(__name__)
app = Flask(__name__)  # ok: LOG002 (an after_request hook logs each request)


@app.after_request
def log_request(response):
    log.info("%s %s %s", request.method, request.path, response.status_code)
    return response
