import os

from twilio.rest import Client

twilio = Client(os.environ["TWILIO_SID"], os.environ["TWILIO_TOKEN"])


def text_user(number: str, body: str) -> None:
    twilio.messages.create(to=number, from_=os.environ["TWILIO_FROM"], body=body)


def format_number(number: str) -> str:
    return number.replace(" ", "")
