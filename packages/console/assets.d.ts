/** The directory of the built console (index.html and assets/), served by the gateway at `/`. */
export declare const assetsDir: string;
