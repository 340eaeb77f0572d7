/** Reads a chosen file as base64 (without the data: prefix), for sending in a tRPC mutation. */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('Filen kunde inte läsas. Välj den igen.'));
    reader.readAsDataURL(file);
  });
}
