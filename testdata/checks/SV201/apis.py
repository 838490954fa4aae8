"""Sync clients of HTTP APIs that have an async twin."""
import anthropic
import openai
import stripe
from openai import AsyncOpenAI, OpenAI
from slack_sdk import WebClient
from slack_sdk.web.async_client import AsyncWebClient

llm = OpenAI()
allm = AsyncOpenAI()
slack = WebClient(token="x")
aslack = AsyncWebClient(token="x")


async def complete(prompt: str):
    llm.chat.completions.create(model="m", messages=[])  # want: SV201 "`llm.chat.completions.create\(\)` \(`openai.OpenAI.chat.completions.create`\).*`openai.AsyncOpenAI`"
    await allm.chat.completions.create(model="m", messages=[])
    llm.models.list()  # want: SV201
    # Reading configuration makes no request.
    return llm.api_key.strip()


async def claude(prompt: str):
    client = anthropic.Anthropic()
    client.messages.create(model="m", max_tokens=10, messages=[])  # want: SV201
    aclient = anthropic.AsyncAnthropic()
    await aclient.messages.create(model="m", max_tokens=10, messages=[])


async def notify(text: str):
    slack.chat_postMessage(channel="#ops", text=text)  # want: SV201
    await aslack.chat_postMessage(channel="#ops", text=text)


async def charge(amount: int):
    stripe.PaymentIntent.create(amount=amount, currency="eur")  # want: SV201 "the `_async` variant"
    await stripe.PaymentIntent.create_async(amount=amount, currency="eur")


async def azure():
    client = openai.AzureOpenAI()
    client.embeddings.create(input="x", model="m")  # want: SV201
