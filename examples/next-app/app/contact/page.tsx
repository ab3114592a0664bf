export const metadata = { title: 'Contact · Lowlight Next.js example' };

/** A server component with a plain form: what is typed is recorded only as masked. */
export default function Contact() {
  return (
    <>
      <h1>Contact us</h1>
      <form>
        <label>
          Name <input name="name" autoComplete="name" />
        </label>
        <label>
          Message <textarea name="message" />
        </label>
        <button type="submit">Send</button>
      </form>
    </>
  );
}
