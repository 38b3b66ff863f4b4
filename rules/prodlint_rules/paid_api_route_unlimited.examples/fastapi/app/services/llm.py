import anthropic

client = anthropic.Anthropic()


def draft_reply(text: str) -> str:
    message = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=300,
                                     messages=[{"role": "user", "content": text}])
    return message.content[0].text


def word_count(text: str) -> int:
    return len(text.split())
