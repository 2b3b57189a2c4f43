/**
 * The corpus format, as zod schemas. corpus/README.md describes the same format for writers;
 * this file is what enforces it, at start-up and in `npm run corpus:check`.
 */
import * as z from 'zod';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slug = z.string().regex(SLUG, 'must be a lower-case slug (a-z, 0-9, single hyphens)');

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(y!, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A full ISO day: YYYY-MM-DD. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a real calendar date');

/** An ISO date to day, month or year precision: YYYY-MM-DD, YYYY-MM or YYYY. */
export const isoPartialDate = z
  .string()
  .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'must be an ISO date YYYY-MM-DD, YYYY-MM or YYYY')
  .refine(isCalendarDate, 'is not a real calendar date');

export const precision = z.enum(['day', 'month', 'year']);
export type Precision = z.infer<typeof precision>;

export function precisionOf(date: string): Precision {
  return date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';
}

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

/** A source's own words, copied exactly from its page, that back one sentence or field. */
export const evidenceSchema = z.strictObject({ source: slug, excerpt: nonEmptyText });
export type Evidence = z.infer<typeof evidenceSchema>;

/**
 * One sentence of an entry, in our own words, with the sources that support it (each with its
 * excerpt) and, where the sentence corrects a claim, the sources that made that claim.
 */
export const supportedSentenceSchema = z.strictObject({
  sentence: nonEmptyText.max(450, 'must be at most 450 characters (one sentence)'),
  support: z.array(evidenceSchema).min(1, 'must name at least one supporting source with its excerpt'),
  corrects: z.array(evidenceSchema).default([]),
});
export type SupportedSentence = z.infer<typeof supportedSentenceSchema>;

export const MAX_TEXT_LENGTH = 900;

/** An entry's text: one to six sentences, each with its support. */
export const factText = z
  .array(supportedSentenceSchema)
  .min(1, 'must hold at least one sentence')
  .max(6, 'must hold at most six sentences')
  .refine((sentences) => sentences.map((s) => s.sentence).join(' ').length <= MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters in all`);

/**
 * A source that backs a structured field (a role's dates, a signing) rather than a sentence.
 * `field` is a path into the entry: `announced`, `roles[0].from`, `signed[1]`, `status`.
 */
export const fieldSupportSchema = z.strictObject({
  field: z.string().regex(/^[a-zA-Z]+(?:\[\d+\])?(?:\.[a-zA-Z]+)?$/, 'must be a field path such as "announced", "roles[0].from" or "signed[1]"'),
  source: slug,
  excerpt: nonEmptyText,
});
export type FieldSupport = z.infer<typeof fieldSupportSchema>;

export const sourceSchema = z.strictObject({
  id: slug,
  title: nonEmptyText,
  publisher: nonEmptyText.nullable(),
  published: isoPartialDate.nullable(),
  url: z.url({ protocol: /^https?$/ }).nullable(),
  checked: isoDay,
  note: z.string().optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/** Fields every curated fact has. */
const factBase = {
  id: slug,
  text: factText,
  about: z.array(slug).default([]),
  fieldSupport: z.array(fieldSupportSchema).default([]),
};

const datedFields = {
  date: isoPartialDate.optional(),
  precision: precision.optional(),
};

const alias = nonEmptyText;

export const memberStatus = z.enum(['full_normalization', 'declaration_only', 'announced_accession']);
/** Where a state is, as its sources say it ("the first Gulf state", "the North African country"). */
export const region = z.enum(['Gulf', 'Levant', 'North Africa', 'East Africa', 'Central Asia', 'South Caucasus', 'South Asia', 'Southeast Asia', 'Europe']);
export const candidateStatus = z.enum(['not_member', 'declared_intent', 'in_talks', 'declined']);

const signing = z.strictObject({
  date: isoPartialDate,
  place: nonEmptyText,
  document: nonEmptyText,
});

const signatory = z.strictObject({
  name: nonEmptyText,
  for: nonEmptyText,
  role: z.string().optional(),
});

export const memberProfileSchema = z.strictObject({
  type: z.literal('profile'),
  ...factBase,
  state: nonEmptyText,
  aliases: z.array(alias).default([]),
  status: memberStatus,
  region: region.optional(),
  announced: isoPartialDate,
  signed: z.array(signing).default([]),
  documents: z.array(nonEmptyText).default([]),
  signatories: z.array(signatory).default([]),
  asOf: isoDay,
});

export const candidateProfileSchema = z.strictObject({
  type: z.literal('profile'),
  ...factBase,
  state: nonEmptyText,
  aliases: z.array(alias).default([]),
  status: candidateStatus,
  conditions: z.array(nonEmptyText).default([]),
  asOf: isoDay,
});

export const noteSchema = z.strictObject({
  type: z.literal('note'),
  ...factBase,
  ...datedFields,
  topic: z.string().optional(),
  asOf: isoDay.optional(),
});

export const memberEntrySchema = z.discriminatedUnion('type', [memberProfileSchema, noteSchema]);
export const candidateEntrySchema = z.discriminatedUnion('type', [candidateProfileSchema, noteSchema]);

export const actorSchema = z.strictObject({
  ...factBase,
  name: nonEmptyText,
  aliases: z.array(alias).default([]),
  country: nonEmptyText,
  roles: z
    .array(
      z.strictObject({
        title: nonEmptyText,
        from: isoPartialDate.nullable().optional(),
        to: isoPartialDate.nullable().optional(),
      }),
    )
    .min(1, 'must list at least one role'),
});

export const eventSchema = z.strictObject({
  ...factBase,
  date: isoPartialDate,
  precision,
  title: nonEmptyText,
});

export const caveatSchema = z.strictObject({
  ...factBase,
  topic: nonEmptyText,
  asOf: isoDay.optional(),
});

export type MemberProfile = z.infer<typeof memberProfileSchema>;
export type CandidateProfile = z.infer<typeof candidateProfileSchema>;
export type Note = z.infer<typeof noteSchema>;
export type Actor = z.infer<typeof actorSchema>;
export type TimelineEvent = z.infer<typeof eventSchema>;
export type Caveat = z.infer<typeof caveatSchema>;

/** The kinds of curated file, each with the schema of one entry. */
export const KIND_FILES = {
  members: { file: 'members.json', schema: memberEntrySchema },
  candidates: { file: 'candidates.json', schema: candidateEntrySchema },
  actors: { file: 'actors.json', schema: actorSchema },
  timeline: { file: 'timeline.json', schema: eventSchema },
  caveats: { file: 'caveats.json', schema: caveatSchema },
} as const;
export type Kind = keyof typeof KIND_FILES;
export const KINDS = Object.keys(KIND_FILES) as Kind[];
