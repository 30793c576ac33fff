/**
 * «Родитель Марии Волковой»: a Russian first name and surname in the genitive case, by the common endings; names
 * the rules do not know (foreign, indeclinable) stay as written, which Russian accepts.
 */
export function genitiveName(firstName: string, lastName: string, gender: 'female' | 'male'): string {
  return `${genitiveFirst(firstName, gender)} ${genitiveLast(lastName, gender)}`;
}

const hushing = /[гкхжшщч]$/u;

function genitiveFirst(name: string, gender: 'female' | 'male'): string {
  if (/ия$/u.test(name)) return `${name.slice(0, -1)}и`;
  if (/я$/u.test(name)) return `${name.slice(0, -1)}и`;
  if (/а$/u.test(name)) return `${name.slice(0, -1)}${hushing.test(name.slice(0, -1)) ? 'и' : 'ы'}`;
  if (gender === 'female') return name;
  if (/[йь]$/u.test(name)) return `${name.slice(0, -1)}я`;
  if (/[бвгджзклмнпрстфхцчшщ]$/u.test(name)) return `${name}а`;
  return name;
}

function genitiveLast(name: string, gender: 'female' | 'male'): string {
  if (gender === 'female') {
    if (/(ова|ева|ёва|ина|ына)$/u.test(name)) return `${name.slice(0, -1)}ой`;
    if (/ая$/u.test(name)) return `${name.slice(0, -2)}ой`;
    return name;
  }
  if (/(ский|цкий)$/u.test(name)) return `${name.slice(0, -2)}ого`;
  if (/[ыо]й$/u.test(name)) return `${name.slice(0, -2)}ого`;
  if (/(ых|их|ко|о|е|и|у|ю)$/u.test(name)) return name;
  if (/[бвгджзклмнпрстфхцчшщ]$/u.test(name)) return `${name}а`;
  return name;
}
