import { createApp } from '../src/app.ts';
import { defaultTranslator } from '../src/text/translate.ts';
const app = createApp();
const t = defaultTranslator();
for (const q of ['tokayevs favorite color?', 'tokayev favorite color', '¿Quién ganará las elecciones de EE. UU. en 2028?', 'Кто победит на выборах в США в 2028 году?', 'Qui gagnera l’élection américaine de 2028 ?', 'Когда Марокко присоединилось к соглашениям?', 'Quand le Maroc a-t-il rejoint les accords ?']) { const r = app.engine.readQuestion(q); console.log(q, '→', r.english, r.contentTerms, r.entityMatches.map((m) => m.entity.id)); }
