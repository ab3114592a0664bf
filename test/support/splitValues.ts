/** Markup that splits a card number or an email across inline elements, comments and empty elements. */
export const SPLIT_MARKUP = [
  '<p>Card <span>4111</span> <span>1111</span> <span>1111</span> <span>1111</span> on file</p>',
  '<p>Mail <i>alice.leak@</i><b>example.com</b> today</p>',
  '<p>Mail alice.leak<wbr>@example<span></span>.com today</p>',
  '<p>Mail <a href="#">alice.leak</a><!-- x -->@<em>example.com</em></p>',
  '<p>Card <span>4111 1111</span>\n    <x-digit>1111 1111</x-digit></p>',
  '<div>Card <span><b>4111</b> 1111</span> <strong>1111 <u>1111</u></strong></div>',
];

/** Any piece of the values above. A card piece counts only standing alone, so a timestamp such as …1174111 is no leak. */
export const SPLIT_SECRETS = /(?<!\d)4111(?!\d)|41111111|alice|example\.com|leak@/;
