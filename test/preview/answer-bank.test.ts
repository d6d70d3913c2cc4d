import { describe, expect, it } from 'vitest';
import { renderAnswerBankBody } from '../../src/preview/answer-bank.js';
import { fixtureViewModel } from '../helpers/view-model-fixture.js';

/** The preview's HTML answer bank says what the DOCX and the Markdown say (test/render/docx, test/render/markdown). */
describe('renderAnswerBankBody', () => {
  const model = fixtureViewModel();
  const html = renderAnswerBankBody(model);
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('tells a reused story once, with the angle and a link to the question that tells it', () => {
    expect(text.split('Suppliers send').length - 1).toBe(1);
    const second = model.entries.find((e) => e.repeatOf !== undefined)!;
    const article = /<article class="ab-entry is-repeat">([\s\S]*?)<\/article>/.exec(html)![1]!;
    expect(article).toContain(`<h2 id="q${second.number}">`);
    expect(article).toContain('<p class="ab-angle"><strong>Angle:</strong> Start from the failure modes, then the schema.</p>');
    expect(article).toContain(`Same story as <a href="#q${second.repeatOf}">question ${second.repeatOf}</a> (“Tell me about the most challenging project you have worked on.”), told in full there.`);
  });

  it('lists the questions to ask them, in the contents too, and times answers against the guidance', () => {
    expect(html).toContain('<li class="ab-toc-extra"><a href="#ask">Questions to ask them</a></li>');
    expect(html).toContain('<section class="ab-ask" id="ask"><h2>Questions to ask them</h2><ul><li>What would my first project be?</li><li>How is on-call shared &amp; paid?</li></ul></section>');
    expect(text).toMatch(/Speaking time: about \d+ s \(\d+ words\), about (\d+ min )?\d+ s under the 1\.5–2 min guidance/);
    expect(text).not.toContain('Private health story');
  });
});
