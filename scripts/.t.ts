import { defaultTranslator } from '../src/text/translate.ts';
import { isEnglishWord } from '../src/text/vectors.ts';
const t = defaultTranslator() as any;
for (const q of ['tokayev favorite color']) {
  for (const lex of t.lexicons) console.log(lex.language, ['tokayev', 'favorite', 'color'].map((w) => `${w}:${t.lookup(lex, w)}|${lex.forms.get(w)}`).join(' '), isEnglishWord('favorite'), isEnglishWord('color'));
}
