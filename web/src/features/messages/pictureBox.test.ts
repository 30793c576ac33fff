import { describe, expect, it } from 'vitest';
import { pictureBox } from './pictureBox';

describe('pictureBox', () => {
  it('keeps a landscape photo’s proportions within 320 px', () => {
    expect(pictureBox(3000, 2000)).toEqual({ width: 320, aspectRatio: '3000 / 2000', known: true });
  });
  it('a portrait photo is limited by its height', () => {
    expect(pictureBox(1000, 2000)).toEqual({ width: 160, aspectRatio: '1000 / 2000', known: true });
  });
  it('a small picture is not enlarged past 48 px, and a thin one never vanishes', () => {
    expect(pictureBox(24, 16).width).toBe(48);
    expect(pictureBox(100, 80).width).toBe(100);
    expect(pictureBox(10, 5000).width).toBe(48);
  });
  it('an unknown size gets a fixed 4:3 box', () => {
    expect(pictureBox(null, null)).toEqual({ width: 240, aspectRatio: '240 / 180', known: false });
    expect(pictureBox(0, 10).known).toBe(false);
  });
});
