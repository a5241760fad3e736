import { describe, expect, it } from 'vitest';
import { parseCitationFields } from '../../../src/extract/citation-fields.js';

describe('parseCitationFields', () => {
  it('reads a journal note with volume, issue, season date and page', () => {
    expect(
      parseCitationFields(
        'Ryan CK Hess, “Lassoing the Haboob: Countering Jama’at Nasr al-Islam wal Muslimin in Mali, Part I,” Journal of Indo-Pacific Affairs 3, no. 4 (Winter 2020): 133, https://media.defense.gov/2020/Nov/23/2002540355/-1/-1/1/DO_HESS%20PART%201.PDF',
      ),
    ).toEqual({
      authors: ['Ryan CK Hess'],
      title: 'Lassoing the Haboob: Countering Jama’at Nasr al-Islam wal Muslimin in Mali, Part I',
      container: 'Journal of Indo-Pacific Affairs',
      date: 'Winter 2020',
      accessed: null,
      locator: '133',
    });
  });

  it('reads a note without author', () => {
    expect(
      parseCitationFields('“Currently listed entities,” Government of Canada, https://www.publicsafety.gc.ca/x.aspx'),
    ).toEqual({
      authors: [],
      title: 'Currently listed entities',
      container: 'Government of Canada',
      date: null,
      accessed: null,
      locator: null,
    });
  });

  it('takes "accessed", "last updated" and "Retrieved" dates as the access date', () => {
    const accessed = parseCitationFields(
      '“Country Reports on Terrorism 2019,” U.S. Department of State, accessed August 15, 2022, https://www.state.gov/r/#AAD',
    );
    expect(accessed).toMatchObject({ container: 'U.S. Department of State', accessed: 'August 15, 2022', date: null });
    const updated = parseCitationFields(
      '“Iyad Ag Ghali,” United Nations Security Council, last updated September 23, 2014, https://www.un.org/x',
    );
    expect(updated).toMatchObject({ container: 'United Nations Security Council', accessed: 'September 23, 2014' });
    expect(parseCitationFields('"Mali profile". BBC News. 12 May 2023. Retrieved 5 June 2024.')).toMatchObject({
      title: 'Mali profile',
      container: 'BBC News',
      date: '12 May 2023',
      accessed: '5 June 2024',
    });
  });

  it('splits two and three authors', () => {
    expect(
      parseCitationFields('Thomas Joscelyn and Caleb Weiss, “Analysis,” Long War Journal, May 8, 2020, https://x.org/a')
        .authors,
    ).toEqual(['Thomas Joscelyn', 'Caleb Weiss']);
    expect(parseCitationFields('Ann Lee, Bo Chan, and Cy Diaz, “T,” P, 2020').authors).toEqual([
      'Ann Lee',
      'Bo Chan',
      'Cy Diaz',
    ]);
  });

  it('keeps a question mark that ends the title and drops the Chicago comma', () => {
    expect(
      parseCitationFields(
        'Illiam Assanvo and Ibrahim Maïga, “Mali’s jihadist merger: desperate or dangerous?,” Institute for Security Studies, April 3, 2017, https://issafrica.org/x',
      ),
    ).toMatchObject({
      authors: ['Illiam Assanvo', 'Ibrahim Maïga'],
      title: 'Mali’s jihadist merger: desperate or dangerous?',
      container: 'Institute for Security Studies',
      date: 'April 3, 2017',
    });
  });

  it('decodes broken entities in fields', () => {
    expect(
      parseCitationFields(
        'Malek Bachir, “France Is Our First Enemy, Says ‘Emir&srquo; of New al-Qaeda Affiliate,” Middle East Eye, April 7, 2017,',
      ),
    ).toEqual({
      authors: ['Malek Bachir'],
      title: 'France Is Our First Enemy, Says ‘Emir’ of New al-Qaeda Affiliate',
      container: 'Middle East Eye',
      date: 'April 7, 2017',
      accessed: null,
      locator: null,
    });
    expect(
      parseCitationFields(
        '&ldquoAl-Qaeda affiliate claims attack,&rdquo Deutsche Welle, July 23, 2022, https://www.dw.com/a',
      ),
    ).toMatchObject({
      title: 'Al-Qaeda affiliate claims attack',
      container: 'Deutsche Welle',
    });
  });

  it('reads book-style notes: Title (Place: Publisher, Year): page', () => {
    expect(
      parseCitationFields(
        'Mali: Enabling Dialogue with the Jihadist Coalition JNIM (Brussels: International Crisis Group, 2021), https://www.crisisgroup.org/x',
      ),
    ).toEqual({
      authors: [],
      title: 'Mali: Enabling Dialogue with the Jihadist Coalition JNIM',
      container: 'International Crisis Group',
      date: '2021',
      accessed: null,
      locator: null,
    });
    expect(
      parseCitationFields('Jama’at Nasr al-Islam wal Muslimin (JNIM) (Constellis, 2018):79, https://x.org/a.pdf'),
    ).toEqual({
      authors: [],
      title: 'Jama’at Nasr al-Islam wal Muslimin (JNIM)',
      container: 'Constellis',
      date: '2018',
      accessed: null,
      locator: '79',
    });
  });

  it('reads a publisher block after a quoted title', () => {
    expect(
      parseCitationFields(
        '“World Atlas of Illicit Flows,” (Interpol, RHIPTO, and Global Initiative Against Transnational Organized Crime 2018), https://x.org',
      ),
    ).toMatchObject({
      title: 'World Atlas of Illicit Flows',
      container: 'Interpol, RHIPTO, and Global Initiative Against Transnational Organized Crime',
      date: '2018',
    });
  });

  it('reads a journal with a series letter and a roman page range', () => {
    expect(
      parseCitationFields(
        '“Council Decision (CFSP) 2022/950,” Official Journal of the European Union L 164, (June 20, 2022): I/4–5, https://eur-lex.europa.eu/x',
      ),
    ).toMatchObject({ container: 'Official Journal of the European Union', date: 'June 20, 2022', locator: 'I/4–5' });
  });

  it('drops the "archived in the Internet Archive" note from the container', () => {
    expect(
      parseCitationFields(
        '“Mali: X,” Menastream, archived in the Internet Archive, August 8, 2018, https://web.archive.org/web/1/x',
      ),
    ).toMatchObject({ container: 'Menastream', date: 'August 8, 2018' });
  });

  it('does not take slash-separated numbers for years', () => {
    expect(
      parseCitationFields('“C,” the 1267/1989/2253 ISIL Sanctions Committee, June 22, 2017, https://x.org'),
    ).toMatchObject({ container: 'the 1267/1989/2253 ISIL Sanctions Committee', date: 'June 22, 2017' });
  });

  it('reads pp. locators and reports no authors for prose before the quote', () => {
    expect(parseCitationFields('see also the report “T,” Publisher, 2019, pp. 12–14')).toMatchObject({
      authors: [],
      date: '2019',
      locator: 'pp. 12–14',
    });
  });

  it('returns empty fields for empty text', () => {
    expect(parseCitationFields('  ')).toEqual({
      authors: [],
      title: null,
      container: null,
      date: null,
      accessed: null,
      locator: null,
    });
  });
});
