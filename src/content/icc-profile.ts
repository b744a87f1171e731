/**
 * The ICC profile an image carries (a JPEG's APP2 pieces, a PNG's iCCP chunk), checked to be one
 * a PDF can draw the image in (an ICCBased colour space, ISO 32000-1 8.6.5.5): the header whole
 * and its size the profile's, ICC version 2 to 4, a class that describes a device's or a colour
 * space's colours (not a device link, abstract or named colour profile), the colour space of the
 * image's colours, a connection space (XYZ or Lab), a tag table inside the profile and the tags
 * that convert its colours (ICC.1: 7.2 the header, 7.3 the tag table, 8 the tags a class needs).
 * The tags' contents are not read: a profile damaged inside them converts wrong, or a viewer
 * falls back to the device's colours. Any other profile is ignored, with why, for a warning.
 */

/** The colour spaces of images a profile can describe, as a profile's header spells them, and the components of each (an ICCBased space's N). */
export const ICC_COMPONENTS = { GRAY: 1, 'RGB ': 3, CMYK: 4 } as const;

/** An image's colour space, as a profile's header spells it. */
export type IccSpace = keyof typeof ICC_COMPONENTS;

/** The profile an image carries, when it fits; or why the one it carries is ignored. */
export interface CarriedProfile {
  /** The ICC profile the image carries, checked (see icc-profile.ts): the PDF draws the image in it (ICCBased), a CMYK JPEG only in a PDF/A (see render/pdf.ts). */
  profile?: Buffer;
  /** Why the profile the image carries is ignored (damaged, or not for its colours): a warning at the figure; the image is drawn as if it carried none. */
  profileIgnored?: string;
}

/** The classes of profile that describe the colours of a device or a colour space: input, display, output, colour space. */
const IMAGE_CLASSES = ['scnr', 'mntr', 'prtr', 'spac'];

/** The other classes, in words. */
const OTHER_CLASSES: Record<string, string> = { link: 'a device link', abst: 'an abstract', nmcl: 'a named colour' };

/** Colour spaces in words, with their article. */
const SPACE_NAMES: Record<string, string> = { GRAY: 'a grey', 'RGB ': 'an RGB', CMYK: 'a CMYK', 'Lab ': 'a Lab', 'XYZ ': 'an XYZ' };

/**
 * The tags that convert a profile's colours to the connection space, by colour space: a table
 * (A2B0), or for grey and RGB the curve or the matrix and curves. Any one set will do.
 */
const CONVERTING_TAGS: Record<IccSpace, string[][]> = {
  GRAY: [['A2B0'], ['kTRC']],
  'RGB ': [['A2B0'], ['rXYZ', 'gXYZ', 'bXYZ', 'rTRC', 'gTRC', 'bTRC']],
  CMYK: [['A2B0']],
};

/** What an image with colours of `space` keeps of the profile it carries: `carried`, its bytes, or why they are not one profile. */
export function carriedProfile(carried: Buffer | string, space: IccSpace): CarriedProfile {
  const problem = typeof carried === 'string' ? carried : iccProblem(carried, space);
  return problem === undefined ? { profile: carried as Buffer } : { profileIgnored: problem };
}

/** Why `profile` cannot be the colour space of an image of `space` colours, or undefined when it can. */
export function iccProblem(profile: Buffer, space: IccSpace): string | undefined {
  if (profile.length < 128) return `it is cut short: ${profile.length} bytes, fewer than the header of a profile`;
  if (profile.toString('latin1', 36, 40) !== 'acsp') return "it is not an ICC profile (no 'acsp' signature)";
  const size = profile.readUInt32BE(0);
  if (size !== profile.length) return `its size field says ${size} bytes, and it has ${profile.length} (damaged or cut short)`;
  if (profile[8] < 2 || profile[8] > 4) return `it is of ICC version ${profile[8]}.${profile[9] >> 4}, and a PDF takes versions 2 to 4`;
  const deviceClass = profile.toString('latin1', 12, 16);
  if (!IMAGE_CLASSES.includes(deviceClass)) return `it is ${OTHER_CLASSES[deviceClass] ?? `an unknown ('${deviceClass}')`} profile, which does not describe the colours of an image`;
  const own = profile.toString('latin1', 16, 20);
  if (own !== space) return `it is ${SPACE_NAMES[own] ?? `a '${own}'`} profile, for ${SPACE_NAMES[space]} image`;
  const connection = profile.toString('latin1', 20, 24);
  if (connection !== 'XYZ ' && connection !== 'Lab ') return `its connection space is '${connection}', neither XYZ nor Lab (damaged)`;
  const tags = tagSignatures(profile);
  if (!tags) return 'its tag table points past its end (damaged)';
  const sets = CONVERTING_TAGS[space];
  const inWords = (set: string[]) => (set.length > 1 ? `${set.slice(0, -1).join(', ')} and ${set[set.length - 1]}` : set[0]);
  if (!sets.some((set) => set.every((t) => tags.has(t)))) return `it lacks the tags that convert its colours (${sets.map(inWords).join(', or ')})`;
  return undefined;
}

/** The components of the colour space of a profile `iccProblem` took (1, 3 or 4). */
export function iccComponents(profile: Buffer): number {
  return ICC_COMPONENTS[profile.toString('latin1', 16, 20) as IccSpace];
}

/** The signatures of the tags in the profile's tag table, or none when the table or a tag it points to runs past the profile's end. */
function tagSignatures(profile: Buffer): Set<string> | undefined {
  if (profile.length < 132) return undefined;
  const count = profile.readUInt32BE(128);
  if (132 + 12 * count > profile.length) return undefined;
  const tags = new Set<string>();
  for (let i = 0, entry = 132; i < count; i++, entry += 12) {
    if (profile.readUInt32BE(entry + 4) + profile.readUInt32BE(entry + 8) > profile.length) return undefined;
    tags.add(profile.toString('latin1', entry, entry + 4));
  }
  return tags;
}
