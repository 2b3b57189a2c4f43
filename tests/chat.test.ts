import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readChat } from '../src/engine/chat.ts';
import { Conversations, readFollowUp } from '../src/engine/followup.ts';
import { createApp, askInConversation } from '../src/app.ts';

const app = createApp();

describe('reading chat register', () => {
  it('drops emoji, filler and chat abbreviations but keeps the content', () => {
    expect(readChat('yo which countries r in the abraham accords rn 🤔')).toEqual({ kind: 'question', text: 'which countries are in the abraham accords now' });
  });

  it('turns a trailing question word into a question', () => {
    expect(readChat('bahrain when??')).toEqual({ kind: 'question', text: 'when bahrain?' });
  });

  it('reads "or nah" as a yes/no question', () => {
    expect(readChat('saudi in yet or nah')).toEqual({ kind: 'question', text: 'is saudi in yet?' });
    expect(readChat('oman joining or nah rn')).toEqual({ kind: 'question', text: 'is oman joining?' });
  });

  it('recognises thanks and greetings as pleasantries', () => {
    for (const text of ['thanks!', 'ty', 'ok', 'lol', 'thank you so much 🙏', 'hi']) expect(readChat(text).kind).toBe('pleasantry');
  });

  it('leaves Spanish and French words alone', () => {
    expect(readChat('¿Cuándo se unió Marruecos y por qué?')).toEqual({ kind: 'question', text: '¿Cuándo se unió Marruecos y por qué?' });
  });

  it('never throws and never grows a message much', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const reading = readChat(text);
        if (reading.kind === 'question') expect(reading.text.length).toBeLessThanOrEqual(text.length * 3 + 10);
      }),
    );
  });
});

describe('follow-up questions', () => {
  const resolver = app.engine.resolver;

  it('asks the previous question of a new state', () => {
    expect(readFollowUp('and Bahrain?', 'when did Morocco join?', resolver)).toBe('when did Bahrain join?');
  });

  it('asks the previous question of a new state when the rest only says "the same"', () => {
    expect(readFollowUp('did Sudan get something similar?', 'what did the US give Morocco for joining?', resolver)).toBe('what did the US give Sudan for joining?');
    expect(readFollowUp('did Sudan sign a treaty?', 'what did the US give Morocco for joining?', resolver)).toBe('did Sudan sign a treaty?');
  });

  it('reads a pronoun as the previous subject', () => {
    expect(readFollowUp('who signed for them?', 'tell me about Sudan', resolver)).toBe('who signed for Sudan?');
  });

  it('asks a bare aspect of the previous question', () => {
    expect(readFollowUp('why?', 'did Oman join the accords?', resolver)).toBe('why did Oman join the accords?');
    expect(readFollowUp('since when?', 'does kazakhstan have ties with israel?', resolver)).toBe('since when does kazakhstan have ties with israel?');
    expect(readFollowUp('when since', 'does kazakhstan have ties with israel?', resolver)).toBe('since when does kazakhstan have ties with israel?');
    expect(readFollowUp('why tho', 'when did Morocco join?', resolver)).toBe('why did Morocco join?');
  });

  it('asks a bare aspect of the previous subject when the previous question was not one to reword', () => {
    expect(readFollowUp('why?', 'tell me about Oman', resolver)).toBe('why Oman?');
  });

  it('leaves a whole new question alone', () => {
    expect(readFollowUp('who is Jared Kushner?', 'when did Morocco join?', resolver)).toBe('who is Jared Kushner?');
    expect(readFollowUp('what was the Negev summit?', 'when did Morocco join?', resolver)).toBe('what was the Negev summit?');
  });

  it('never throws, whatever the two questions', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (question, previous) => {
        expect(typeof readFollowUp(question, previous, resolver)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('holds at most its bound of conversations, dropping the oldest', () => {
    const conversations = new Conversations(60_000, 3);
    for (const key of ['a', 'b', 'c', 'd']) conversations.remember(key, `question ${key}`);
    expect(conversations.previous('a')).toBeUndefined();
    expect(conversations.previous('d')).toBe('question d');
  });

  it('keeps each conversation apart and forgets it after the window', () => {
    let now = 0;
    const conversations = new Conversations(1000, 10, () => now);
    conversations.remember('a', 'when did Morocco join?');
    expect(conversations.previous('b')).toBeUndefined();
    expect(conversations.previous('a')).toBe('when did Morocco join?');
    now = 1001;
    expect(conversations.previous('a')).toBeUndefined();
  });

  it('answers a follow-up in a conversation and says how it read it', () => {
    askInConversation(app, 'test-user', 'When did Morocco join the Abraham Accords?');
    const answer = askInConversation(app, 'test-user', 'and Bahrain?');
    expect(answer.understoodAs).toMatch(/Bahrain/);
    expect(answer.text).toContain('September 2020');
    // Another asker in the same place has no context.
    expect(askInConversation(app, 'other-user', 'and Bahrain?').understoodAs).toBeUndefined();
  });

  it('reads the pronouns of a message\'s last question with what the message named before it', () => {
    const answer = app.engine.ask('Is Kosovo part of the Abraham Accords? If not, how did it end up with ties to Israel?');
    expect(answer.kind).toBe('answer');
    expect(answer.text).toContain('Kosovo');
  });

  it('replies to thanks without refusing', () => {
    const answer = askInConversation(app, 'test-user', 'thanks!');
    expect(answer.kind).toBe('chat');
    expect(answer.text).not.toMatch(/can't answer/);
  });
});
