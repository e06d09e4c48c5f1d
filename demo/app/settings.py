from openai import OpenAI

client = OpenAI(api_key="{{fake:openai}}")
