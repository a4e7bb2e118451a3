/** The articles the reciprocity rules rest on, spelled once. */
export const COPYRIGHT_ACT = 'Copyright Act (Act No. 48 of 1970)';

export const CITE = {
  ART_6: `${COPYRIGHT_ACT} Art. 6`,
  ART_6_I: `${COPYRIGHT_ACT} Art. 6(i)`,
  ART_6_II: `${COPYRIGHT_ACT} Art. 6(ii)`,
  ART_6_III: `${COPYRIGHT_ACT} Art. 6(iii)`,
  BERNE_NATIONAL_TREATMENT: 'Berne Convention Art. 3(1), Art. 5(1); TRIPS Agreement Art. 3, Art. 9(1); WIPO Copyright Treaty Art. 3; Universal Copyright Convention Art. II',
  BERNE_HABITUAL_RESIDENCE: 'Berne Convention Art. 3(2) (authors habitually resident in a Union country are assimilated to its nationals)',
  KP_NO_TREATY_RELATION: 'Supreme Court of Japan, judgment of 8 December 2011 (Minshū Vol. 65 No. 9, p. 3275): no treaty relation with the DPRK under the Berne Convention',
  TERM_LIFE: `${COPYRIGHT_ACT} Art. 51(2), Art. 57`,
  TERM_CORPORATE: `${COPYRIGHT_ACT} Art. 53, Art. 57`,
  TERM_ANONYMOUS: `${COPYRIGHT_ACT} Art. 52, Art. 57`,
  TERM_FILM: `${COPYRIGHT_ACT} Art. 54(1), Art. 57`,
  SERIAL_PUBLICATION: `${COPYRIGHT_ACT} Art. 56 (time of publication of works published in instalments)`,
  FILM_2004_TRANSITION: 'Act No. 85 of 2003 (cinematographic works: 70 years), Supplementary Provisions (in force 1 January 2004; not for films whose term had expired)',
  FILM_OLD_ACT: `${COPYRIGHT_ACT} Supplementary Provisions Art. 7 (works published before 1 January 1971: the old Act's term where longer); old Copyright Act (Act No. 39 of 1899) Art. 3, Art. 22-3 (cinematographic works with originality: the author's life, and 30 years after death, extended to 38 years by the temporary extensions made before the 1970 Act); Supreme Court of Japan, judgment of 8 October 2009 (2008 (Ju) No. 889, Chaplin films)`,
  TPP11_TRANSITION: 'Act No. 108 of 2016 (TPP11 implementing amendments), Supplementary Provisions Art. 7 (in force 30 December 2018)',
  ART_58: `${COPYRIGHT_ACT} Art. 58`,
  WARTIME: 'Act No. 302 of 1952 (Allied Nationals\' Copyright Special Provisions) Art. 4; Treaty of Peace with Japan Art. 15(c)',
  PROTECTIONS: `${COPYRIGHT_ACT} Art. 6; reciprocity agreement with Japan (reference data)`,
  CLAIM_ACCESS: 'Chōtei rules, Reciprocity rule 3 (new protections only under a reciprocity agreement); Berne Convention Art. 5(1) (national treatment)',
  APPLICABLE_LAW: 'Act on General Rules for Application of Laws (Act No. 78 of 2006) Art. 17; Berne Convention Art. 5(2) (law of the country where protection is claimed); Copyright Act (Act No. 48 of 1970) territorial scope (Art. 6, Art. 30-4)',
  CROSS_BORDER_REFERRAL: 'Reciprocity agreement with Japan extending DISPUTE_ACCESS (reference data); Chōtei rules, Reciprocity rule 4',
} as const;
