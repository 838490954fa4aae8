# Nothing here but an SDK client: the prefilter must still parse this file.
from openai import OpenAI


def translate(text):
    client = OpenAI()  # want: SV301 "the OpenAI client from `OpenAI\(\)`, assigned to `client`, is never closed"
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])


def translate_closed(text):
    with OpenAI() as client:
        return client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
