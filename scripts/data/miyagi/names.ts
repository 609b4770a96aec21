// English names, id slugs and area adjacency for Miyagi: what the reference file does not carry.

/** Romanised municipality names (Hepburn, long vowels dropped as on the municipalities' own sites). */
export const MUNICIPALITY_EN: Readonly<Record<string, string>> = {
  '04100': 'Sendai',
  '04101': 'Sendai Aoba-ku',
  '04102': 'Sendai Miyagino-ku',
  '04103': 'Sendai Wakabayashi-ku',
  '04104': 'Sendai Taihaku-ku',
  '04105': 'Sendai Izumi-ku',
  '04202': 'Ishinomaki',
  '04203': 'Shiogama',
  '04205': 'Kesennuma',
  '04206': 'Shiroishi',
  '04207': 'Natori',
  '04208': 'Kakuda',
  '04209': 'Tagajo',
  '04211': 'Iwanuma',
  '04212': 'Tome',
  '04213': 'Kurihara',
  '04214': 'Higashimatsushima',
  '04215': 'Osaki',
  '04216': 'Tomiya',
  '04301': 'Zao',
  '04302': 'Shichikashuku',
  '04321': 'Ogawara',
  '04322': 'Murata',
  '04323': 'Shibata',
  '04324': 'Kawasaki',
  '04341': 'Marumori',
  '04361': 'Watari',
  '04362': 'Yamamoto',
  '04401': 'Matsushima',
  '04404': 'Shichigahama',
  '04406': 'Rifu',
  '04421': 'Taiwa',
  '04422': 'Osato',
  '04424': 'Ohira',
  '04444': 'Shikama',
  '04445': 'Kami',
  '04501': 'Wakuya',
  '04505': 'Misato',
  '04581': 'Onagawa',
  '04606': 'Minamisanriku',
};

export function municipalityEn(code: string): string {
  const en = MUNICIPALITY_EN[code];
  if (en === undefined) throw new Error(`no English name for municipality ${code}`);
  return en;
}

/** Lower-case ASCII slug used in hospital and base ids ("Higashimatsushima" → "higashimatsushima"). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Areas sharing a border (隣接医療圏), read off the municipal map: Sennan touches only Sendai
 * (Kawasaki–Taihaku, Murata/Shibata–Natori/Iwanuma, Kakuda–Watari); Sendai touches Osaki-Kurihara
 * (Taiwa/Ohira–Shikama/Kami/Osaki) and Ishinomaki-Tome-Kesennuma (Matsushima/Osato–
 * Higashimatsushima); Osaki-Kurihara touches Ishinomaki-Tome-Kesennuma (Kurihara–Tome,
 * Wakuya/Misato–Ishinomaki/Tome). Sennan has no border with the two northern areas.
 */
export const ADJACENCY: ReadonlyArray<readonly [string, string]> = [
  ['sennan', 'sendai'],
  ['sendai', 'osaki-kurihara'],
  ['sendai', 'ishinomaki-tome-kesennuma'],
  ['osaki-kurihara', 'ishinomaki-tome-kesennuma'],
];

export function adjacentAreas(areaId: string): string[] {
  return ADJACENCY.flatMap(([a, b]) => (a === areaId ? [b] : b === areaId ? [a] : []));
}
