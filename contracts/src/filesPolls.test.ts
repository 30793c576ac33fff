import { describe, expect, it } from 'vitest';
import { fileExtension, isForbiddenFileName } from './files.js';
import { createPollRequest } from './polls.js';

describe('file names', () => {
  it('finds the extension the way Windows would run the file', () => {
    expect(fileExtension('Setup.EXE')).toBe('exe');
    expect(fileExtension('trick.exe. . ')).toBe('exe');
    expect(fileExtension('archive.tar.gz')).toBe('gz');
    expect(fileExtension('README')).toBe('');
    expect(fileExtension('.sh')).toBe('sh');
  });

  it('refuses executables and scripts by name, keeps documents', () => {
    for (const n of ['a.exe', 'b.msi', 'c.bat', 'd.cmd', 'e.com', 'f.scr', 'g.js', 'h.vbs', 'i.ps1', 'j.sh', 'k.jar', 'l.apk', 'm.dll']) {
      expect(isForbiddenFileName(n), n).toBe(true);
    }
    for (const n of ['отчёт.docx', 'фото.jpg', 'таблица.xlsx', 'script.js.txt', 'json.pdf']) expect(isForbiddenFileName(n), n).toBe(false);
  });
});

describe('createPollRequest', () => {
  it('fills the defaults: blue, named, one answer, retractable, no deadline', () => {
    expect(createPollRequest.parse({ question: ' Когда собрание? ', options: ['Во вторник', 'В четверг'] })).toEqual({
      question: 'Когда собрание?',
      options: ['Во вторник', 'В четверг'],
      color: 'blue',
      anonymous: false,
      multiple: false,
      noRetract: false,
      deadline: null,
    });
  });

  it('takes presets and #rrggbb, refuses other colours and repeated answers', () => {
    const base = { question: 'Q', options: ['Да', 'Нет'] };
    expect(createPollRequest.parse({ ...base, color: 'violet' }).color).toBe('violet');
    expect(createPollRequest.parse({ ...base, color: '#FFAA00' }).color).toBe('#ffaa00');
    expect(createPollRequest.safeParse({ ...base, color: 'rgb(0,0,0)' }).success).toBe(false);
    expect(createPollRequest.safeParse({ ...base, options: ['Да', 'ДА'] }).success).toBe(false);
  });
});
