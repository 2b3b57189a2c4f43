/** Cyrillic (Russian and Kazakh letters) to Latin, so that "Токаев" can meet "Tokayev" by spelling. */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};

export function transliterate(text: string): string {
  return text.replace(/[\u0400-\u04FF]/g, (c) => {
    const lower = c.toLowerCase();
    const latin = CYRILLIC[lower] ?? c;
    return c === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  });
}
