import { describe, expect, it } from 'vitest';
import { withoutInlineAttributes } from './pastedHtml';

describe('withoutInlineAttributes', () => {
  it('drops style and event handler attributes in every quoting, keeping the rest of the tag', () => {
    expect(withoutInlineAttributes('<p style="color:red" class="a">x</p>')).toBe('<p class="a">x</p>');
    expect(withoutInlineAttributes(`<img src=x onerror="alert(1)" ONLOAD='a' onclick=b alt="y">`)).toBe('<img src=x alt="y">');
    expect(withoutInlineAttributes('<span\nstyle = "font-weight:700">b</span>')).toBe('<span>b</span>');
  });

  it('leaves the text between tags as it is, even text that looks like an attribute', () => {
    const text = '<p>пример: onclick="go()" и style="x"</p>';
    expect(withoutInlineAttributes(text)).toBe(text);
  });

  it('keeps attributes that only end in those names', () => {
    expect(withoutInlineAttributes('<a data-style="1" data-onx="2" href="/">a</a>')).toBe('<a data-style="1" data-onx="2" href="/">a</a>');
  });
});
