export { ImageUploader, type ImageUploaderProps } from './ImageUploader'
export { pickImages, uploadImage, UploadError, type PickedImage } from './uploadImage'
export { MAX_IMAGE_BYTES, UPLOAD_MESSAGES, cloudPathFor, imageExtOf, moveToFront, removeAt, roomFor, sniffImage, uploadProblem, type ImageExt } from './rules'
