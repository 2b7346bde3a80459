// Drives Rampart's OpenAI-compatible API with the official `openai` SDK, unchanged but for the
// base URL and the key. Started by OpenAiSdkEndToEndTest against a kernel it boots; by hand:
//   RAMPART_BASE_URL=http://localhost:8080/v1 RAMPART_API_KEY=rk_dev_acme_0123456789abcdef \
//   RAMPART_MODEL=fast node --test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: process.env.RAMPART_BASE_URL,
  apiKey: process.env.RAMPART_API_KEY,
  maxRetries: 0,
  timeout: 20_000,
});
const model = process.env.RAMPART_MODEL ?? 'fast';
const question = [{ role: 'user', content: 'Tell me about the weather in Paris in spring' }];
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

test('lists models, including the tenant aliases', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes(model), `expected ${model} in ${ids}`);
});

test('answers a plain chat completion in the OpenAI shape', async () => {
  const done = await client.chat.completions.create({ model, messages: question });
  assert.equal(done.object, 'chat.completion');
  assert.equal(done.choices.length, 1);
  assert.equal(done.choices[0].message.role, 'assistant');
  assert.equal(done.choices[0].finish_reason, 'stop');
  assert.ok(done.choices[0].message.content.length > 0);
  assert.ok(done.usage.prompt_tokens > 0 && done.usage.completion_tokens > 0);
  assert.equal(done.usage.total_tokens, done.usage.prompt_tokens + done.usage.completion_tokens);
  const again = await client.chat.completions.create({ model, messages: question });
  assert.equal(again.choices[0].message.content, done.choices[0].message.content, 'the offline provider is deterministic');
});

test('streams the same answer as server-sent events, with usage at the end', async () => {
  const plain = await client.chat.completions.create({ model, messages: question });
  const stream = await client.chat.completions.create({
    model, messages: question, stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let chunks = 0;
  let finish = null;
  let usage = null;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    chunks += 1;
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  assert.ok(chunks > 1, 'more than one chunk');
  assert.equal(text, plain.choices[0].message.content);
  assert.equal(finish, 'stop');
  assert.ok(usage && usage.completion_tokens > 0, 'usage chunk present');
});

test('returns tool calls, plain and streamed', async () => {
  const messages = [{ role: 'user', content: 'Use get_weather for Paris please' }];
  const done = await client.chat.completions.create({ model, messages, tools: [weatherTool], tool_choice: 'required' });
  const call = done.choices[0].message.tool_calls?.[0];
  assert.ok(call, 'a tool call');
  assert.equal(done.choices[0].finish_reason, 'tool_calls');
  assert.equal(call.type, 'function');
  assert.equal(call.function.name, 'get_weather');
  assert.equal(typeof JSON.parse(call.function.arguments).city, 'string');

  const stream = await client.chat.completions.create({
    model, messages, tools: [weatherTool], tool_choice: 'required', stream: true,
  });
  let name = '';
  let args = '';
  let id = null;
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      for (const piece of choice.delta?.tool_calls ?? []) {
        id = piece.id ?? id;
        name += piece.function?.name ?? '';
        args += piece.function?.arguments ?? '';
      }
    }
  }
  assert.equal(name, 'get_weather');
  assert.ok(id, 'the first piece carries the call id');
  assert.deepEqual(JSON.parse(args), JSON.parse(call.function.arguments));

  const answered = await client.chat.completions.create({
    model,
    tools: [weatherTool],
    messages: [...messages, done.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '{"temp": 18}' }],
  });
  assert.ok(answered.choices[0].message.content.length > 0, 'the model answers after the tool result');
});

test('an unknown model is a 404 the SDK understands', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-model', messages: question }),
    (err) => {
      assert.equal(err.status, 404);
      assert.ok(err.message.length > 0);
      return true;
    },
  );
});

test('a wrong key is a 401 the SDK understands', async () => {
  const stranger = new OpenAI({ baseURL: process.env.RAMPART_BASE_URL, apiKey: 'rk_wrong', maxRetries: 0 });
  await assert.rejects(stranger.chat.completions.create({ model, messages: question }), (err) => err.status === 401);
});
